package io.rcmos.x12.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** Is this patient covered? The input of an eligibility run (becomes a 270 or a portal search). */
public record EligibilityRequest(
        @NotNull Provider provider,
        @NotNull Subscriber subscriber,
        Dependent dependent,
        @Size(max = 99) List<@Pattern(regexp = "^[0-9A-Z]{1,2}$") String> serviceTypeCodes,
        LocalDate dateOfService) {

    /** Service type codes as sent: {@code 30} (health benefit plan coverage) when none were given. */
    public List<String> effectiveServiceTypeCodes() {
        return serviceTypeCodes == null || serviceTypeCodes.isEmpty() ? List.of("30") : serviceTypeCodes;
    }
}
