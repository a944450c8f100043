/**
 * Error advice: what a biller should do about each code a run fails with or an inbox task is opened for (the payer's
 * AAA reject reasons, portal and channel codes), in plain words with the request fields to check first. One table
 * ships with the project ({@code advice/error-advice.yaml}), checked at start-up; {@link io.rcmos.server.advice.ErrorAdvice}
 * looks codes up for the runs and inbox modules, and {@code GET /errors/advice} serves the whole table.
 */
package io.rcmos.server.advice;
