package io.rcmos.server.batches;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The header names billing exports use, one test per field group, and suggestions for columns that name none. */
class ColumnsTest {

    private static void assertAliases(String field, String... headers) {
        for (String header : headers) {
            assertThat(Columns.field(header, Map.of())).as(header).contains(field);
        }
    }

    @Test
    void providerAndPracticeNamesAreTheOrganizationName() {
        assertAliases("organization_name", "Provider", "Provider Name", "Rendering Provider", "Rendering Provider Name",
                "Billing Provider", "Billing Provider Name", "Servicing Provider", "Facility", "Facility Name", "Clinic", "Clinic Name",
                "Practice", "Practice Name", "Organization");
    }

    @Test
    void patientAndSubscriberNamesAreTheSubscribersNames() {
        assertAliases("first_name", "Patient First Name", "Patient First", "Pt First Name", "Subscriber First Name", "Insured First Name",
                "First Name", "FNAME");
        assertAliases("last_name", "Patient Last Name", "Patient Last", "Pt Last Name", "Subscriber Last Name", "Insured Last Name",
                "Last Name", "Surname");
    }

    @Test
    void insuranceAndPolicyNumbersAreTheMemberId() {
        assertAliases("member_id", "Insurance ID", "Insurance ID Number", "Insurance Member ID", "Policy Number", "Policy #", "Policy No",
                "Policy", "Member ID", "Member Number", "Subscriber ID", "Subscriber ID Number", "Insured ID", "Primary Insurance ID");
    }

    @Test
    void birthDatesAreTheDateOfBirth() {
        assertAliases("date_of_birth", "Subscriber DOB", "Subscriber Date of Birth", "Patient DOB", "Patient Birth Date", "Pt DOB",
                "Member DOB", "Insured DOB", "DOB", "Date of Birth", "Birthdate");
    }

    @Test
    void serviceDatesAreTheDateOfService() {
        assertAliases("date_of_service", "DOS", "Date of Service", "Service Date", "Appointment Date", "Appt Date", "Visit Date",
                "Date of Visit", "Encounter Date");
    }

    @Test
    void providerIdentifiersAreTheNpi() {
        assertAliases("npi", "NPI", "Provider NPI", "Rendering Provider NPI", "Billing Provider NPI", "Rendering NPI", "Billing NPI",
                "Servicing NPI", "Group NPI", "NPI Number");
    }

    @Test
    void payerAndClaimColumnsKeepTheirFields() {
        assertAliases("payer_id", "Payer ID", "Payer", "Payer Code", "EDI Payer ID", "CPID");
        assertAliases("patient_control_number", "PCN", "Patient Account Number", "Account #", "Patient Acct #", "Acct No", "Patient Account");
        assertAliases("payer_claim_number", "Payer Claim Number", "Claim Number", "ICN", "DCN");
        assertAliases("service_date_from", "From Date", "Service Start Date", "DOS From", "Service From Date");
        assertAliases("service_date_to", "To Date", "Service End Date", "DOS To", "Service To Date");
        assertAliases("total_charge", "Total Charge", "Billed Charges", "Amount Billed", "Claim Amount");
        assertAliases("relationship_code", "Relationship", "Patient Relationship", "Relationship to Insured");
    }

    @Test
    void noHeaderNameMeansTwoFields() {
        Map<String, String> owner = new HashMap<>();
        Columns.ALIASES.forEach((field, names) -> names.forEach(n -> assertThat(owner.put(n, field))
                .as("'%s' is an alias of %s and %s", n, owner.get(n), field).isNull()));
        assertThat(Columns.LABELS.keySet()).isEqualTo(Columns.FIELDS);
    }

    @Test
    void anUnmappedColumnGetsTheMostSimilarFieldThatIsStillFree() {
        assertThat(Columns.suggest("Subscriber Member Number", Set.of())).contains("member_id");
        assertThat(Columns.suggest("Patient Birth Dt", Set.of())).contains("date_of_birth");
        assertThat(Columns.suggest("Birth Dt", Set.of())).contains("date_of_birth");
        assertThat(Columns.suggest("Rendering Prov NPI", Set.of())).contains("npi");
        assertThat(Columns.suggest("Patient Firstname", Set.of())).contains("first_name");
        assertThat(Columns.suggest("Shoe Size", Set.of())).isEmpty();
        assertThat(Columns.suggest("Notes", Set.of())).isEmpty();
        assertThat(Columns.suggest("Insurance Company", Set.of())).as("a payer's name is not its id nor a member id").isEmpty();
        assertThat(Columns.suggest("Subscriber Member Number", Set.of("member_id"))).isNotEqualTo(Optional.of("member_id"));
    }

    @Test
    void aHeaderDescribesEachColumnHowItWasMatched() {
        Columns.Header header = Columns.Header.of(List.of("Provider", "NPI", "Ref", "Patient Birth Dt", "", "Provider Name"),
                Map.of("Ref", "member_id"));
        assertThat(header.columns()).containsExactly(
                new Columns.Column("Provider", "organization_name", "alias", null),
                new Columns.Column("NPI", "npi", "alias", null),
                new Columns.Column("Ref", "member_id", "mapping", null),
                new Columns.Column("Patient Birth Dt", null, "unmapped", "date_of_birth"),
                new Columns.Column("Provider Name", null, "unmapped", null));
        assertThat(header.ignored()).containsExactly("Patient Birth Dt", "Provider Name");
    }
}
