package io.rcmos.server.runs;

import io.opentelemetry.api.trace.Span;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import jakarta.servlet.http.HttpServletRequest;
import io.micrometer.common.KeyValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Puts {@code run_id}, {@code payer} and {@code purpose} on every span of a run: the HTTP request that touched it,
 * the workflow start, the workflow, each activity start and each activity execution. The workflow input carries
 * those three ids, so no lookup is needed. These interceptors sit inside Temporal's tracing interceptors, where
 * the span of the call is current. Ids only: never PHI.
 */
@Configuration(proxyBeanMethods = false)
class RunSpanAttributes {

    static void tag(Span span, String runId, String payerId, String purpose) {
        if (runId != null) {
            span.setAttribute("run_id", runId);
        }
        if (payerId != null) {
            span.setAttribute("payer", payerId);
        }
        if (purpose != null) {
            span.setAttribute("purpose", purpose);
        }
    }

    /** The server span of the current HTTP request (Spring's observation), which outlives the handler's inner spans. */
    static void tagHttpRequest(String runId, String payerId, String purpose) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> {
            context.addHighCardinalityKeyValue(KeyValue.of("run_id", runId));
            if (payerId != null) {
                context.addHighCardinalityKeyValue(KeyValue.of("payer", payerId));
            }
            if (purpose != null) {
                context.addHighCardinalityKeyValue(KeyValue.of("purpose", purpose));
            }
        });
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WorkerInterceptorBase runSpanWorkerAttributes() {
        return new WorkerInterceptorBase() {
            @Override
            public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
                return new WorkflowInbound(next);
            }

            @Override
            public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
                return new ActivityInboundCallsInterceptorBase(next) {
                    @Override
                    public ActivityOutput execute(ActivityInput input) {
                        if (input.getArguments().length > 0 && input.getArguments()[0] instanceof String runId) {
                            Span.current().setAttribute("run_id", runId);
                        }
                        return super.execute(input);
                    }
                };
            }
        };
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WorkflowClientInterceptorBase runSpanClientAttributes() {
        return new WorkflowClientInterceptorBase() {
            @Override
            public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(WorkflowClientCallsInterceptor next) {
                return new WorkflowClientCallsInterceptorBase(next) {
                    @Override
                    public WorkflowStartOutput start(WorkflowStartInput input) {
                        if (input.getArguments().length > 0 && input.getArguments()[0] instanceof RunWorkflow.RunInput run) {
                            tag(Span.current(), run.runId(), run.payerId(), run.purpose());
                        }
                        return super.start(input);
                    }
                };
            }
        };
    }

    /** One per workflow execution: remembers the run's ids for the spans of the activities it starts. */
    private static final class WorkflowInbound extends WorkflowInboundCallsInterceptorBase {
        private RunWorkflow.RunInput run;

        WorkflowInbound(WorkflowInboundCallsInterceptor next) {
            super(next);
        }

        @Override
        public void init(WorkflowOutboundCallsInterceptor outbound) {
            super.init(new WorkflowOutboundCallsInterceptorBase(outbound) {
                @Override
                public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
                    if (run != null && !Workflow.isReplaying()) {
                        tag(Span.current(), run.runId(), run.payerId(), run.purpose());
                    }
                    return super.executeActivity(input);
                }
            });
        }

        @Override
        public WorkflowOutput execute(WorkflowInput input) {
            if (input.getArguments().length > 0 && input.getArguments()[0] instanceof RunWorkflow.RunInput r) {
                run = r;
                if (!Workflow.isReplaying()) {
                    tag(Span.current(), r.runId(), r.payerId(), r.purpose());
                }
            }
            return super.execute(input);
        }
    }
}
