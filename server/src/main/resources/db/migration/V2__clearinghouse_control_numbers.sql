-- Interchange (ISA13), group (GS06) and transaction set (ST02) control numbers, per trading partner.
-- One row per partner; an allocation is a single UPDATE … RETURNING, so concurrent allocators serialise on the row
-- and numbers are monotonic with no gaps except those of rolled-back transactions. ISA13 wraps after 999999999.
create table control_numbers (
    trading_partner  text        primary key,
    isa              bigint      not null default 0 check (isa between 0 and 999999999),
    gs               bigint      not null default 0 check (gs between 0 and 999999999),
    st               bigint      not null default 0 check (st between 0 and 999999999),
    updated_at       timestamptz not null default now()
);
