package io.rcmos.server.inbox;

import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import org.springframework.http.HttpStatus;

import java.util.List;

/** An answer that does not fit the task ({@code 400 answer_invalid}), naming the field; never the value. */
public final class AnswerInvalid extends ApiProblem {

    public AnswerInvalid(FieldProblem problem) {
        super(HttpStatus.BAD_REQUEST, "answer_invalid", "the answer is invalid: " + problem.field() + " " + problem.message(),
                List.of(problem));
    }

    public AnswerInvalid(String detail, List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "answer_invalid", detail, problems);
    }

    /** Every problem of an answer at once; the detail names them all. */
    public static AnswerInvalid of(List<FieldProblem> problems) {
        return problems.size() == 1 ? new AnswerInvalid(problems.get(0))
                : new AnswerInvalid(FieldProblem.summary("the answer is invalid", problems), problems);
    }
}
