/**
 * Authentication and roles: console sessions (CSRF-protected), bearer API tokens stored hashed, the first admin
 * bootstrapped from {@code RCM_ADMIN_PASSWORD}, and the endpoint rules of api.md in one place ({@code SecurityConfig}).
 */
package io.rcmos.server.security;
