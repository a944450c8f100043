package io.rcmos.x12.model;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * The insured person as the provider knows them. At least one of member id, date of birth or last name is
 * required (the clearinghouse rule); all four of member id, date of birth, first and last name oblige the payer
 * to answer.
 */
public record Subscriber(
        @Size(min = 1, max = 80) @Pattern(regexp = "^[A-Za-z0-9-]+$") String memberId,
        @Size(min = 1, max = 35) String firstName,
        @Size(min = 1, max = 60) String lastName,
        LocalDate dateOfBirth,
        @Pattern(regexp = "^[MFU]$") String gender) {
}
