package io.rcmos.server.advice;

import java.util.List;

/**
 * What to do about one error code.
 *
 * @param code        the stable code ({@code aaa_72}, {@code member_not_found}; a family ends in {@code *})
 * @param title       a few words a biller recognises
 * @param explanation what happened, in plain words
 * @param checkFields the request fields to check first, as paths of {@code POST /runs} ({@code input.subscriber.member_id})
 * @param nextStep    what to do now
 * @param retryLater  whether the same request may succeed later without any change
 */
public record Advice(String code, String title, String explanation, List<String> checkFields, String nextStep, boolean retryLater) {
}
