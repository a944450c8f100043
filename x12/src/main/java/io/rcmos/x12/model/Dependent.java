package io.rcmos.x12.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** A patient covered through the subscriber; {@code relationshipCode} is the X12 INS02 code (01 spouse, 19 child…). */
public record Dependent(
        @NotNull @Size(min = 1, max = 35) String firstName,
        @NotNull @Size(min = 1, max = 60) String lastName,
        @NotNull LocalDate dateOfBirth,
        @Pattern(regexp = "^[0-9A-Z]{2}$") String relationshipCode,
        @Pattern(regexp = "^[MFU]$") String gender) {
}
