package io.rcmos.server.batches;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer of {@code POST /batches/preview}: how the file's columns map to fields (and what an unmapped one might
 * be), the fields a row may carry, the first rows as uploaded, and what the upload would do with every row — counts,
 * repeats and the first problems. Built from a dry run, so it is exactly what {@code POST /batches} would find.
 *
 * @param format     {@code csv} or {@code ndjson}
 * @param columns    the file's columns in file order ({@code how}: alias, mapping or unmapped)
 * @param fields     every field a row of this purpose may carry; {@code required} ones every row needs
 * @param rows       the first rows' own cells
 * @param duplicates rows that ask the same question as an earlier row (counted as invalid)
 * @param errors     the first problems, each with row, line, column, field and message (never a value)
 */
record BatchPreview(String format, List<Column> columns, List<Field> fields, List<Row> rows, Counts counts, long duplicates,
                    List<JsonNode> errors) {

    record Column(String name, String field, String suggestedField, String how) {
    }

    record Field(String field, String label, boolean required) {
    }

    record Row(long row, long line, Map<String, String> cells) {
    }

    record Counts(long total, long valid, long invalid) {
    }

    private static final Set<String> CLAIM_ONLY = Set.of("patient_control_number", "payer_claim_number", "service_date_from",
            "service_date_to", "total_charge");
    private static final Set<String> ELIGIBILITY_ONLY = Set.of("service_type_codes", "date_of_service");
    private static final Set<String> CLAIM_REQUIRED = Set.of("patient_control_number", "service_date_from", "service_date_to");

    static BatchPreview of(BatchUploads.Upload upload, BatchUploads.Accepted a) {
        List<Column> columns = a.header() == null ? List.of() : a.header().columns().stream()
                .map(c -> new Column(c.name(), c.field(), c.suggestedField(), c.how())).toList();
        List<Row> rows = a.sample().stream().map(s -> new Row(s.row(), s.line(), s.cells())).toList();
        return new BatchPreview(upload.format(), columns, fields(upload.purpose(), upload.payerId() == null), rows,
                new Counts(a.total(), a.valid(), a.invalid()), a.duplicates(), a.errors());
    }

    /**
     * The fields of a purpose. Required: the provider's NPI and name (a flat row names the provider by its
     * organisation), the payer when the upload names none, and a claim's control number and service dates. A row
     * also needs one of member id, last name or date of birth.
     */
    static List<Field> fields(String purpose, boolean payerColumnNeeded) {
        boolean claims = "claim_status".equals(purpose);
        List<Field> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Columns.LABELS.entrySet()) {
            String field = e.getKey();
            if (claims ? ELIGIBILITY_ONLY.contains(field) : CLAIM_ONLY.contains(field)) {
                continue;
            }
            boolean required = field.equals("npi") || field.equals("organization_name")
                    || (field.equals("payer_id") && payerColumnNeeded) || (claims && CLAIM_REQUIRED.contains(field));
            out.add(new Field(field, e.getValue(), required));
        }
        return out;
    }
}
