/**
 * The portal flow language, v0.1: declarative YAML flows that log into a payer portal and read an answer, as a
 * trained staff member would. This package reads, validates and compiles them; it does not run them.
 *
 * <h2>A flow</h2>
 * A header ({@code flow}, {@code version: "0.1"}, {@code portal}, {@code purpose}: eligibility | claim_status,
 * {@code deadline}, {@code inputs} name → type, {@code secrets} names, {@code outputs} name → {type, enum?, fields?})
 * and {@code steps}. Each step has an {@code op} and may have {@code id}, {@code timeout} (default 10s, at most 60s),
 * {@code sensitive: true} (mask the field or region in evidence) and {@code allow_css_only: true}.
 *
 * <h2>Ops</h2>
 * {@code navigate} url · {@code fill} locator, value, format?, secret? · {@code select} locator, value ·
 * {@code click} locator, within? · {@code wait} for: element | url (glob, or match: regex) | network_idle |
 * duration (≤ 30s) · {@code extract} kind: text | attribute | table, locator, into, parse?/format?/map? or columns ·
 * {@code assert} that · {@code emit} values, append_to? · {@code breakpoint} kind: mfa | captcha | review, prompt,
 * deadline (≤ 30m), into?, on_timeout? · {@code if} when, then, else? · {@code for_each} in, as, do ·
 * {@code screenshot} name, full_page? · {@code retry} attempts (≤ 5), backoff? (≤ 30s), do · {@code end} ·
 * {@code fail} reason. The JSON Schema ({@link io.rcmos.agent.flow.FlowSchema}) is the exact reference.
 *
 * <h2>Locators, values, conditions</h2>
 * A locator is an ordered list of strategies, each one of {@code role} (+ {@code name}), {@code label},
 * {@code text}, {@code placeholder}, {@code test_id}, {@code css}; CSS comes last. Values are templates with
 * {@code ${input.NAME}}, {@code ${secrets.NAME}}, {@code ${totp.code}}, {@code ${portal.base_url}}, variables set by
 * {@code extract}/{@code breakpoint} ({@code ${plan_name}}) and row fields inside {@code for_each}
 * ({@code ${claim.status}}). Conditions are one of visible, present, text, url, url_regex, element_text, equals,
 * not, all, any.
 *
 * <h2>Rules beyond the schema</h2>
 * References must be declared and set on every path before use; secrets and TOTP codes appear only as fill values,
 * and a secret-looking field (password, code, OTP, PIN… or {@code secret: true}) takes only a secret, TOTP code or
 * breakpoint answer; CSS strategies come after semantic ones; durations stay under {@link io.rcmos.agent.flow.FlowLimits};
 * emits go to declared outputs with fitting types; step ids are unique; no step follows one that always ends the run.
 * Each broken rule is a {@link io.rcmos.agent.flow.Problem} with a stable {@link io.rcmos.agent.flow.ProblemCode}.
 *
 * <p>Entry points: {@link io.rcmos.agent.flow.FlowValidator#validate(java.nio.file.Path)} and the command line
 * {@link io.rcmos.agent.flow.FlowCli} ({@code flow validate FILE...}).
 */
package io.rcmos.agent.flow;
