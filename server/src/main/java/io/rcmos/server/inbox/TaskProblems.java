package io.rcmos.server.inbox;

import io.rcmos.server.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Why a task cannot be seen or worked: the API problems of the inbox besides {@link AnswerInvalid}. */
final class TaskProblems {

    private TaskProblems() {
    }

    static final class TaskNotFound extends ApiProblem {
        TaskNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "task_not_found", "no inbox task " + id);
        }
    }

    static final class TaskClosed extends ApiProblem {
        TaskClosed(UUID id, String status) {
            super(HttpStatus.CONFLICT, "task_closed", "inbox task " + id + " is " + status + ", not open");
        }
    }

    static final class TaskClaimed extends ApiProblem {
        TaskClaimed(UUID id, String holder, Instant until) {
            super(HttpStatus.CONFLICT, "task_claimed", "inbox task " + id + " is claimed by " + holder + " until " + until);
        }
    }

    static final class NotInAudience extends ApiProblem {
        NotInAudience(UUID id, List<String> audience) {
            super(HttpStatus.FORBIDDEN, "not_in_audience", "inbox task " + id + " is worked by " + audience);
        }
    }
}
