package io.rcmos.server.platform;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;

/**
 * Whether Temporal still knows a workflow. The embedded server keeps its history in memory: after a restart every
 * workflow is gone, and the starters of runs and batches give their unfinished work a new one.
 */
public final class WorkflowPresence {

    private WorkflowPresence() {
    }

    /** True when the namespace has no execution with this id; other failures say nothing (false). */
    public static boolean missing(WorkflowClient client, String namespace, String workflowId) {
        try {
            client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(namespace)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build());
            return false;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() == Status.Code.NOT_FOUND;
        }
    }
}
