-- Saved portal logins per credential (Playwright storage state), sealed with AES-256-GCM; reused until expires_at.
create table portal_sessions (
    credential  text        primary key,
    sealed      bytea       not null,
    saved_at    timestamptz not null default now(),
    expires_at  timestamptz not null
);
