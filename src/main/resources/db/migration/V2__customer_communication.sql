-- Customer communication: languages and time zones, phone-only customers, per-order emails,
-- decision links, and which promise the customer was told about.

alter table customer_order add column customer_language varchar(8) default 'en' not null;
alter table customer_order add column customer_time_zone varchar(64) default 'UTC' not null;
alter table customer_order add column customer_phone varchar(40);
alter table customer_order alter column customer_email drop not null;

alter table backorder_case add column customer_language varchar(8) default 'en' not null;
alter table backorder_case add column customer_time_zone varchar(64) default 'UTC' not null;
alter table backorder_case add column customer_phone varchar(40);
alter table backorder_case alter column customer_email drop not null;

-- the promises the customer was told about; a re-promise is mailed only when it moves far enough from these
alter table case_promise add column notified boolean default false not null;

alter table communication alter column recipient drop not null;
alter table communication add column failure varchar(500);
create index communication_by_message_id on communication (message_id);
create index communication_by_order on communication (order_id, communication_id);

-- an email written for several cases of one order: the other cases' own send jobs find their
-- message key here and send nothing
create table communication_coverage (
    message_key       varchar(200) primary key,
    case_id           varchar(130) not null,
    communication_id  bigint       not null references communication (communication_id)
);
create index communication_coverage_by_case on communication_coverage (case_id);

-- decision links in customer emails: only a hash of the token is kept
create table decision_link (
    token_hash  varchar(64)  primary key,
    case_id     varchar(130) not null,
    created_at  timestamp    not null,
    expires_at  timestamp    not null
);
create index decision_link_by_case on decision_link (case_id);
