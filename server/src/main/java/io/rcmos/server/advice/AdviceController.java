package io.rcmos.server.advice;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /errors/advice}: the whole advice table, for any signed-in role (it holds no patient data). */
@RestController
class AdviceController {

    private final ErrorAdvice advice;

    AdviceController(ErrorAdvice advice) {
        this.advice = advice;
    }

    /** The table in its file order. */
    record Table(List<Advice> items) {
    }

    @GetMapping("/errors/advice")
    Table all() {
        return new Table(advice.all());
    }
}
