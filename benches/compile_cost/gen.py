import sys
n=int(sys.argv[1])
out=['use resource::dsl::resource;','use resource::prelude::*;','']
for i in range(n):
    rel = f"belongs_to parent: R{i-1};" if i>0 else ""
    has = f"has_many children: R{i+1} {{ destination_attribute: parent_id }}" if i<n-1 else ""
    agg = f"aggregates {{ count child_count: children; }}" if i<n-1 else ""
    out.append(f'''resource! {{
    pub R{i} {{
        data_layer: Sqlite,
        attributes {{
            uuid_primary_key id;
            attribute name: String {{ allow_nil: false, public: true }}
            attribute price: Decimal {{ public: true, constraints {{ min: 0 }} }}
            attribute count: i64 {{ default: 0, public: true }}
            create_timestamp inserted_at;
        }}
        identities {{ identity unique_name [name]; }}
        relationships {{ {rel} {has} }}
        {agg}
        calculations {{ calculate label: String = expr(name <> "!"); }}
        actions {{ default_accept [name, price, count]; defaults [create, read, update, destroy]; }}
    }}
}}
''')
out.append('fn main() {}')
open('src/main.rs','w').write('\n'.join(out))
