-- Clearinghouse webhook deliveries already accepted: Stedi retries for hours, so a delivery id seen twice is a no-op.
create table webhook_deliveries (
    delivery_id     text        primary key,
    event_type      text,
    transaction_id  text,
    received_at     timestamptz not null default now()
);
