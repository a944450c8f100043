package io.rcmos.sim.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A member the simulated payers know. {@code firstName}/{@code lastName}/{@code dateOfBirth} may be null for
 * synthetic members (whatever the request sends is taken as true).
 */
public record Member(
        String memberId,
        String payerId,
        String firstName,
        String lastName,
        LocalDate dateOfBirth,
        String gender,
        Scenario scenario,
        Plan plan,
        Benefits benefits,
        List<Person> dependents) {

    /** A plan as the 271 describes it (EB*1 plan coverage, REF*6P group, DTP*346 plan begin). */
    public record Plan(String name, String groupNumber, LocalDate begin, LocalDate end, String insuranceType) {
    }

    /** The money of a plan, in-network individual unless named otherwise. */
    public record Benefits(BigDecimal officeCopay, BigDecimal specialistCopay, BigDecimal emergencyCopay,
                           BigDecimal coinsurance, BigDecimal deductible, BigDecimal deductibleRemaining,
                           BigDecimal outOfPocket, BigDecimal outOfPocketRemaining, boolean rich) {
    }

    public record Person(String firstName, String lastName, LocalDate dateOfBirth, String gender, String relationshipCode) {
    }
}
