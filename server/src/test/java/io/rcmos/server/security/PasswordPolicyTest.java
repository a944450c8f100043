package io.rcmos.server.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = PasswordPolicy.load();

    @Test
    void theShippedListIsLoaded() {
        assertThat(POLICY.size()).isGreaterThan(40_000);
    }

    @Test
    void longUncommonPasswordsPass() {
        assertThat(POLICY.problem("violet-harbor-lantern-42", "olga")).isEmpty();
        assertThat(POLICY.problem("correct horse battery staple", "olga")).isEmpty();
        assertThat(POLICY.problem("Ünïcödé-pässwörd-ok", "olga")).isEmpty();
    }

    @Test
    void shortOnesAreRefusedByLengthInCodePoints() {
        assertThat(POLICY.problem("abcdefghijk", null)).contains("must be at least 12 characters");
        assertThat(POLICY.problem("x".repeat(129), null)).contains("must be at most 128 characters");
        assertThat(POLICY.problem("", null)).contains("is required");
        assertThat(POLICY.problem(null, null)).contains("is required");
    }

    @Test
    void listedPasswordsAndListedWordsWithDigitsOrSymbolsAreRefused() {
        assertThat(POLICY.problem("qwertyuiop123", null)).hasValueSatisfying(p -> assertThat(p).contains("too common"));
        assertThat(POLICY.problem("1qaz2wsx3edc", null)).hasValueSatisfying(p -> assertThat(p).contains("too common"));
        assertThat(POLICY.problem("Sunshine2026!!", null)).hasValueSatisfying(p -> assertThat(p).contains("too common"));
        assertThat(POLICY.problem("!!Baseball12345", null)).hasValueSatisfying(p -> assertThat(p).contains("too common"));
        assertThat(POLICY.problem("LEAVEMEALONE", null)).hasValueSatisfying(p -> assertThat(p).contains("too common"));
    }

    @Test
    void repeatsUsernamesAndControlCharactersAreRefused() {
        assertThat(POLICY.problem("aaaaaaaaaaaaaaaa", null)).contains("repeats too few different characters");
        assertThat(POLICY.problem("abababababababab", null)).contains("repeats too few different characters");
        assertThat(POLICY.problem("my-name-is-olga-ok", "olga")).contains("must not contain the username");
        assertThat(POLICY.problem("tab\tinside-password", null)).contains("must not contain control characters");
    }
}
