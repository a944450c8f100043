package io.rcmos.server.platform;

import java.util.Map;

/** Lets a module add non-sensitive facts to {@code /info} (enabled purposes, channels, payers). */
public interface InfoContributor {
    void contribute(Map<String, Object> info);
}
