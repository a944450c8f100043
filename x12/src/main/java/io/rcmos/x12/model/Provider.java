package io.rcmos.x12.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The provider asking: an organization or a person, identified by a 10-digit, Luhn-valid NPI. */
public record Provider(
        @NotNull @Pattern(regexp = "^[0-9]{10}$") String npi,
        @Size(min = 1, max = 60) String organizationName,
        @Size(min = 1, max = 35) String firstName,
        @Size(min = 1, max = 60) String lastName,
        @Pattern(regexp = "^[0-9]{9}$") String taxId) {
}
