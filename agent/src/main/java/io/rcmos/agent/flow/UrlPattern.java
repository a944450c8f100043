package io.rcmos.agent.flow;

/** A URL to wait for or test: a glob ({@code **}/benefits*) by default, or a regular expression. */
public record UrlPattern(Template pattern, boolean regex) {
}
