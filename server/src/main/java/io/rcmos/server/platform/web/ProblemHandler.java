package io.rcmos.server.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The error edge: every exception a handler lets escape becomes problem+json with a stable code. Client
 * mistakes are 4xx naming the field; anything unexpected is a 500 with an opaque incident id, never a trace.
 */
@RestControllerAdvice
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        return Problems.response(problem);
    }

    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<Object> bodyTooLarge(BodyTooLarge e) {
        return tooLarge(e.limit());
    }

    private static ResponseEntity<Object> tooLarge(long limit) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(Problems.PROBLEM_JSON)
                .body(BodySizeLimitFilter.tooLarge(limit));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (BodyTooLarge.in(e) >= 0) {
            return tooLarge(BodyTooLarge.in(e));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = JsonPaths.of(unknown.getPath());
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).toList();
            String message = Suggest.unknownField(unknown.getPropertyName(), known);
            return Problems.response(HttpStatus.BAD_REQUEST, "unknown_field", ("unknown field '" + field + "'" + message.substring("is not a known field".length())),
                    List.of(FieldProblem.of(field, message)));
        }
        if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            String field = JsonPaths.of(bind.getPath());
            return Problems.response(HttpStatus.BAD_REQUEST, "invalid_field", "field '" + field + "' has the wrong type or format",
                    List.of(FieldProblem.of(field, "has the wrong type or format")));
        }
        if (cause instanceof JacksonException json && json.getLocation() != null) {
            return Problems.response(HttpStatus.BAD_REQUEST, "malformed_json",
                    "request body is not valid JSON (line " + json.getLocation().getLineNr()
                            + ", column " + json.getLocation().getColumnNr() + ")", List.of());
        }
        return Problems.response(HttpStatus.BAD_REQUEST, "malformed_body", "request body is missing or unreadable", List.of());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Object> invalid(MethodArgumentNotValidException e) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> FieldProblem.of(JsonPaths.snake(f.getField()), f.getDefaultMessage()))
                .toList();
        return Problems.response(HttpStatus.BAD_REQUEST, "validation_failed", "request is invalid", errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Object> invalidParameters(HandlerMethodValidationException e) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err ->
                        FieldProblem.of(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return Problems.response(HttpStatus.BAD_REQUEST, "validation_failed", "request is invalid", errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.response(HttpStatus.BAD_REQUEST, "invalid_parameter", "parameter '" + e.getName() + "' is malformed",
                List.of(FieldProblem.of(e.getName(), "is malformed")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return Problems.response(HttpStatus.BAD_REQUEST, "missing_parameter", "parameter '" + e.getParameterName() + "' is required",
                List.of(FieldProblem.of(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Object> missingPart(MissingServletRequestPartException e) {
        return Problems.response(HttpStatus.BAD_REQUEST, "missing_part", "multipart field '" + e.getRequestPartName() + "' is required",
                List.of(FieldProblem.of(e.getRequestPartName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException e) {
        return Problems.response(HttpStatus.BAD_REQUEST, "missing_header", "header '" + e.getHeaderName() + "' is required",
                List.of(FieldProblem.of(e.getHeaderName(), "is required")));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
        return Problems.response(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "method " + e.getMethod() + " is not allowed here", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        String supported = e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "content type is not supported; use " + supported, List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.response(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "no acceptable representation", List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Object> uploadTooLarge(MaxUploadSizeExceededException e) {
        return Problems.response(HttpStatus.CONTENT_TOO_LARGE, "body_too_large", "request body is too large", List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> noResource(NoResourceFoundException e) {
        return Problems.response(HttpStatus.NOT_FOUND, "not_found", "no such resource", List.of());
    }

    /** Let Spring Security's entry point and access-denied handler answer these. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e;
    }

    /** The client went away (SSE, downloads): nothing to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone(AsyncRequestNotUsableException e) {
        // nothing to write to
    }

    /** An engine we depend on is down or unreachable: the request may succeed later, so 503 rather than 500. */
    @ExceptionHandler({io.grpc.StatusRuntimeException.class, io.temporal.client.WorkflowServiceException.class,
            org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<Object> engineUnavailable(Exception e, HttpServletRequest request) {
        log.warn("engine unavailable method={} path={} exception={}", request.getMethod(), request.getRequestURI(), e.getClass().getName());
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "engine_unavailable",
                "a backing service is unavailable; try again shortly", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (BodyTooLarge.in(e) >= 0) {
            // a body that outgrew its limit, wrapped by whatever was reading it
            return tooLarge(BodyTooLarge.in(e));
        }
        String incident = java.util.UUID.randomUUID().toString();
        // class name only: exception messages may echo request values
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        log.error("unexpected error incident={} method={} path={} exception={} root={}", incident, request.getMethod(),
                request.getRequestURI(), e.getClass().getName(), root.getClass().getName());
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "unexpected error; incident " + incident, List.of());
    }
}
