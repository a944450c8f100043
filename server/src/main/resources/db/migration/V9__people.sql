-- People of the console (issue 11): staff accounts with display names and forced password changes, sign-in
-- throttling, QA by person, and console sessions kept in PostgreSQL (Spring Session JDBC) so every API replica
-- shares them and a person's sessions can be ended when they are disabled.

alter table users add column user_id uuid;
update users set user_id = gen_random_uuid() where user_id is null;
alter table users alter column user_id set not null;
alter table users alter column user_id set default gen_random_uuid();
alter table users add constraint users_user_id_key unique (user_id);
alter table users add column display_name text;
update users set display_name = case when username = 'admin' then 'Administrator' else username end where display_name is null;
alter table users alter column display_name set not null;
alter table users add column must_change_password boolean     not null default false;
alter table users add column password_changed_at  timestamptz;
alter table users add column last_sign_in_at      timestamptz;
alter table users add column updated_at           timestamptz not null default now();
alter table users add constraint users_username_shape check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$');

-- Every sign-in attempt, for throttling only (kept a day). `account_key` is a keyed hash of the name as typed, so a
-- password typed into the username field is never stored; `client_ip` is the peer address.
create table sign_in_attempts (
    id           bigserial   primary key,
    ts           timestamptz not null default clock_timestamp(),
    account_key  text        not null,
    client_ip    text        not null,
    succeeded    boolean     not null
);
create index sign_in_attempts_account_idx on sign_in_attempts (account_key, ts);
create index sign_in_attempts_ip_idx on sign_in_attempts (client_ip, ts) where not succeeded;

-- An account locked after too many failures (whether or not such a user exists: nothing tells the two apart).
create table sign_in_locks (
    account_key   text        primary key,
    locked_at     timestamptz not null,
    locked_until  timestamptz not null
);

-- QA compares people: the person behind the credential that resolved a task (a user; a token's issuer).
alter table breakpoints add column resolved_person text;
alter table qa_reviews add column resolved_person text;

-- Console sessions (the tables Spring Session JDBC reads and writes; times in epoch milliseconds).
create table spring_session (
    primary_id             char(36)     not null,
    session_id             char(36)     not null,
    creation_time          bigint       not null,
    last_access_time       bigint       not null,
    max_inactive_interval  int          not null,
    expiry_time            bigint       not null,
    principal_name         varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36)     not null,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);
