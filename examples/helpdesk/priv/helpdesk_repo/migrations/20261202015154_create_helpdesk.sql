-- resource migration 20261202015154_create_helpdesk

-- migrate:up
CREATE TABLE "representatives" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "name" TEXT NOT NULL
);

CREATE TABLE "tickets" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "representative_id" TEXT,
  "status" TEXT NOT NULL DEFAULT 'open',
  "subject" TEXT NOT NULL,
  CONSTRAINT "tickets_representative_id_fkey" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id")
);

-- migrate:down
DROP TABLE "tickets";

DROP TABLE "representatives";
