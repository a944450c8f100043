package io.rcmos.agent.run;

/**
 * One piece of evidence of a run: {@code kind} (screenshot, dom, har, trace, manifest, raw), the step it belongs to,
 * its content type and bytes. Unrestricted files are masked and may be served; {@code restricted} files are the raw
 * capture kept for replay, to be stored encrypted and read only by admins.
 */
public record EvidenceFile(String kind, String step, String contentType, byte[] bytes, boolean restricted) {
}
