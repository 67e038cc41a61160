//! Seed 000's helpdesk users: `new_customer`, `new_employee` and `new_admin`
//! actions, a unique `email` and a unique combination of names.
//!
//! Run with `cargo run --example support`.

use resource::dsl::resource;
use resource::prelude::*;
use serde_json::json;

/// What kind of account a user has (Ash's `:atom` with `one_of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, resource::Atom)]
pub enum AccountType {
    Customer,
    Employee,
}

resource! {
    /// Someone who uses the helpdesk.
    pub User {
        attributes {
            uuid_primary_key id;
            attribute first_name: String { allow_nil: false, public: true }
            attribute middle_name: Option<String> { public: true }
            attribute last_name: String { allow_nil: false, public: true }
            attribute email: String { allow_nil: false, public: true, constraints { match: "@" } }
            attribute department_name: Option<String> { public: true }
            attribute account_type: AccountType { default: AccountType::Customer, public: true }
            attribute admin: bool { default: false, public: true }
        }
        identities {
            identity email [email] { pre_check: true }
            // `nils_distinct: false`: two users without a middle name but with
            // the same first and last name collide (Ash's default would let them).
            identity names [first_name, middle_name, last_name] { pre_check: true, nils_distinct: false }
        }
        actions {
            default_accept [first_name, middle_name, last_name, email, department_name, account_type];
            defaults [create, read, update, destroy];
            create new_customer {
                accept [first_name, middle_name, last_name, email];
                change set_attribute(account_type, AccountType::Customer);
            }
            create new_employee {
                accept [first_name, middle_name, last_name, email, department_name, account_type];
                validate present([department_name]);
            }
            create new_admin {
                accept [first_name, middle_name, last_name, email, department_name, account_type];
                change set_attribute(admin, true);
                validate attribute_equals(account_type, AccountType::Employee);
            }
        }
    }
}

fn main() -> Result<(), Error> {
    let support = Domain::new().register::<User>().build()?;

    let customer =
        User::new_customer().first_name("Ratna").last_name("Sönam").email("ratna@example.com").run(&support)?;
    println!(
        "customer: {} {} <{}> ({})",
        customer.first_name, customer.last_name, customer.email, customer.account_type
    );

    // The same email again: the identity's pre-check refuses it.
    let err = User::new_employee()
        .first_name("Nyima")
        .last_name("Sönam")
        .email("ratna@example.com")
        .department_name("Office Actor")
        .account_type(AccountType::Employee)
        .run(&support)
        .unwrap_err();
    println!("\nan employee with ratna's email:\n{err}\n");

    let employee = User::new_employee()
        .first_name("Nyima")
        .last_name("Sönam")
        .email("nyima@example.com")
        .department_name("Office Actor")
        .account_type(AccountType::Employee)
        .run(&support)?;
    println!("employee: {} in {:?}", employee.first_name, employee.department_name);

    // Outside input (an HTTP body, say) goes through the dynamic changeset.
    let admin = Changeset::<User>::for_create(
        &support,
        "new_admin",
        &json!({"first_name": "Karma", "last_name": "Sönam", "email": "karma@example.com",
                "department_name": "Office Admin", "account_type": "employee"}),
    )
    .run()?;
    println!("admin: {} (admin: {})", admin.first_name, admin.admin);

    // Same names as the employee, another email: the `names` identity.
    let err = User::create()
        .first_name("Nyima")
        .last_name("Sönam")
        .email("nyima_karma@example.com")
        .department_name("Office Actor")
        .run(&support)
        .unwrap_err();
    println!("\nanother Nyima Sönam:\n{err}\n");

    // Bad outside input: every problem is reported at once, nothing is written.
    let err = Changeset::<User>::for_create(
        &support,
        "new_employee",
        &json!({"first_name": "", "email": "no-at-sign", "account_type": "pirate", "shoe_size": 44}),
    )
    .run()
    .unwrap_err();
    println!("bad input:\n{err}\n");

    let everyone = User::read().sort(user::first_name.asc()).run(&support)?;
    println!("all users: {:?}", everyone.iter().map(|u| u.first_name.as_str()).collect::<Vec<_>>());
    Ok(())
}
