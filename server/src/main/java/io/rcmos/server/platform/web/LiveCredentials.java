package io.rcmos.server.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.function.BooleanSupplier;

/**
 * For long-lived responses (event streams): a check, taken while the request is served, that stays true only while
 * the credential behind it is still good — the console session not signed out, idle-expired or revoked; the token
 * not revoked. A stream closes when its check turns false.
 */
public interface LiveCredentials {

    BooleanSupplier of(HttpServletRequest request);
}
