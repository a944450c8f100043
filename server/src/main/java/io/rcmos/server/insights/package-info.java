/**
 * The MVP exit figures per payer and purpose (automation and human-touch rates, time to a person, time in the
 * inbox, run duration percentiles, failure taxonomy), computed from the runs and breakpoints tables for the console.
 */
package io.rcmos.server.insights;
