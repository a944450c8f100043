package io.rcmos.server.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of {@code GET /openapi.json}: what every error answer looks like. */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String DESCRIPTION = """
            RCM OS answers eligibility (270/271) and claim status (276/277) questions through a clearinghouse, payer \
            portals or a person. Schemas of every input and output are at GET /schemas.

            **Errors.** Every refused request is RFC 9457 problem+json (`application/problem+json`): \
            `{type, title, status, code, detail, errors: [{field, message, row?, line?, column?}]}`. `code` is stable; \
            `errors` lists every problem found, not only the first: POST /runs (both purposes), flag changes, inbox \
            answers and batch rows check every field before answering. `field` is the field's path as the JSON names it \
            (`input.subscriber.date_of_birth`, `input.service_type_codes[0]`, `payer_id`), a parameter's or header's \
            name, never a Java type; batch row problems add `row`, `line` and the file's own `column`. `detail` names the \
            problems in one line (the first five, then how many more); `errors[0]` is the first problem. An unknown or \
            misspelled field suggests the nearest known one (`is not a known field (did you mean member_id?)`). An \
            unexpected error is 500 `internal_error` with an incident id and no exception text.""";

    @Bean
    OpenAPI rcmOpenApi() {
        return new OpenAPI().info(new Info().title("RCM OS API").version("v1").description(DESCRIPTION));
    }
}
