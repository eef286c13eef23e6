-- An email is recorded (state SENDING, with its complete MIME message) before it is handed to the
-- SMTP server, in a transaction of its own. A node that dies after the server accepted it leaves the
-- record behind: the retried job sends the very same message (same Message-ID, same links) and marks
-- it SENT; the customer's mail client shows it once. The MIME copy is dropped once the email is sent.
alter table communication add column mime varchar(1000000);
