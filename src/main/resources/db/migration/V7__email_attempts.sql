-- When an email was last handed to the mail server. An email still SENDING long after that was being
-- handed over by a node that stopped: it is marked FAILED (visible to agents, counted in metrics), and
-- the email's job, if it runs again, sends that very message again. FAILED keeps the MIME message for it.
alter table communication add column attempted_at timestamp;
update communication set attempted_at = created_at where state = 'SENDING';
