use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute nickname: Option<String>;
            attribute password_hash: String;
        }
        actions {
            create signup {
                argument password: String;
                change set_attribute(nickname, arg(nickname));
                validate confirm(password, password_confirmation);
            }
        }
    }
}

fn main() {}
