package io.rcmos.x12.model;

/** A payer rejection (X12 AAA segment): reject reason code, its description, follow-up action code and the loop it came from. */
public record AaaError(String code, String description, String followUp, String loop) {
}
