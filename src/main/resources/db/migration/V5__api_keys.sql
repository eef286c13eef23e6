-- API keys of technical users (order systems). Only a SHA-256 hash of each key is kept: a leaked
-- database does not reveal working keys. A key is checked without the engine's password lock-out, so
-- strangers guessing wrong cannot lock an order system out of intake.
create table api_key (
    key_id      varchar(36)  primary key,
    user_id     varchar(64)  not null,
    key_hash    char(64)     not null unique,
    label       varchar(100),
    created_at  timestamp    not null,
    revoked_at  timestamp
);
create index api_key_user on api_key (user_id);
