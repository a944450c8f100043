-- Routing switches per payer and purpose, changed at run time by admins (audited). No row = the defaults:
-- both channels enabled, clearinghouse preferred, a person as the last resort.
create table feature_flags (
    payer_id               text        not null,
    purpose                text        not null check (purpose in ('eligibility', 'claim_status')),
    clearinghouse_enabled  boolean     not null default true,
    portal_enabled         boolean     not null default true,
    prefer                 text        not null default 'clearinghouse' check (prefer in ('clearinghouse', 'portal')),
    human_fallback         boolean     not null default true,
    updated_at             timestamptz not null default now(),
    updated_by             text        not null,
    primary key (payer_id, purpose)
);
