-- Minimum necessary (issue 12): a payer's payload as received (X12 271/277, clearinghouse JSON) holds the patient's
-- whole record; from now on only admins read it, through the API, each read audited. Earlier payloads follow the rule.
update artifacts set restricted = true where kind in ('x12', 'json', 'raw') and not restricted;
