package io.rcmos.x12.model;

import java.time.LocalDate;
import java.util.List;

/**
 * What the receiver of an interchange said about it: a TA1 (interchange acknowledgement: envelope accepted or not)
 * and/or a 999 (implementation acknowledgement: each functional group and transaction set accepted, accepted with
 * errors, or rejected, with the segments and elements in error). Codes are kept as sent, with their meaning.
 */
public record Acknowledgement(InterchangeAck interchange, List<GroupAck> groups) {

    /** TA1: TA101 control number acknowledged, TA102/TA103 its date and time, TA104 A/E/R, TA105 note code. */
    public record InterchangeAck(String controlNumber, LocalDate date, String time, String status, String noteCode, String note) {
    }

    /**
     * One 999: AK101 functional id and AK102 group control number acknowledged, AK901 status (A accepted, E accepted
     * with errors, P partially accepted, R rejected), AK902–AK904 sets included, received and accepted.
     */
    public record GroupAck(String functionalId, String groupControlNumber, String version, String status, String statusDescription,
                           Integer setsIncluded, Integer setsReceived, Integer setsAccepted, List<String> groupErrors,
                           List<SetAck> sets) {
    }

    /** AK2 + IK5: one transaction set's status (A, E, R, M, W, X) and its syntax error codes (IK502–IK506). */
    public record SetAck(String transactionSetId, String controlNumber, String status, String statusDescription,
                         List<String> errorCodes, List<SegmentError> segments) {
    }

    /** IK3: segment id, position in the set, loop id, error code (with meaning), the IK4 element errors and CTX contexts. */
    public record SegmentError(String segmentId, Integer position, String loop, String code, String description,
                               List<ElementError> elements, List<String> context) {
    }

    /** IK4: element position (and component), data element reference number, error code (with meaning), a copy of the bad value. */
    public record ElementError(String position, String referenceNumber, String code, String description, String badValue) {
    }
}
