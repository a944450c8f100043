package io.rcmos.server.runs;

/** Request bodies for run tests. */
final class RunRequests {

    static final String VALID_NPI = "1999999984";

    private RunRequests() {
    }

    static String eligibility(String route, String memberId) {
        return eligibility(route, memberId, "John", "Doe", "1980-01-31");
    }

    static String eligibility(String route, String memberId, String first, String last, String dob) {
        return """
                {"purpose": "eligibility", "payer_id": "87726", "route": "%s",
                 "input": {
                   "provider": {"npi": "%s", "organization_name": "Sunrise Clinic"},
                   "subscriber": {"member_id": "%s", "first_name": "%s", "last_name": "%s", "date_of_birth": "%s"},
                   "dependent": null,
                   "service_type_codes": ["30"]
                 }}""".formatted(route, VALID_NPI, memberId, first, last, dob);
    }

    static String claimStatus(String route, String memberId, String pcn) {
        return """
                {"purpose": "claim_status", "payer_id": "87726", "route": "%s", "business_date": "2026-01-15",
                 "input": {
                   "provider": {"npi": "%s", "organization_name": "Sunrise Clinic"},
                   "subscriber": {"member_id": "%s", "first_name": "Jane", "last_name": "Roe", "date_of_birth": "1975-05-05"},
                   "claim": {"patient_control_number": "%s", "service_date_from": "2025-12-01", "service_date_to": "2025-12-02",
                             "total_charge": 125.50}
                 }}""".formatted(route, VALID_NPI, memberId, pcn);
    }
}
