package dev.kratixtemporal.api.e2e;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A workflow's history as the server stores it, and every Payload in it, found through protobuf reflection. */
final class HistoryPayloads {
  private HistoryPayloads() {}

  /** All pages of the history of the workflow's latest run, straight from GetWorkflowExecutionHistory. */
  static History raw(WorkflowClient client, String workflowId) {
    History.Builder all = History.newBuilder();
    com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse page = client.getWorkflowServiceStubs().blockingStub().getWorkflowExecutionHistory(
          GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).setNextPageToken(token).build());
      all.addAllEvents(page.getHistory().getEventsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return all.build();
  }

  static List<Payload> all(Message message) {
    List<Payload> out = new ArrayList<>();
    map(message, p -> {
      out.add(p);
      return p;
    });
    return out;
  }

  /**
   * The payloads a DataConverter writes: not those under header (the SDK's tracing context) or search_attributes
   * (the server must read them), nor the SDK's version markers (change ids).
   */
  static List<Payload> converted(History history) {
    List<Payload> out = new ArrayList<>();
    history.getEventsList().stream().filter(e -> e.getEventType() != EventType.EVENT_TYPE_MARKER_RECORDED)
        .forEach(e -> collect(e, out));
    return out;
  }

  private static void collect(Message message, List<Payload> out) {
    if (message instanceof Payload p) {
      out.add(p);
      return;
    }
    message.getAllFields().forEach((field, value) -> {
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || SKIPPED.contains(field.getName())) return;
      if (field.isRepeated()) {
        for (Object item : (List<?>) value) collect((Message) item, out);
      } else {
        collect((Message) value, out);
      }
    });
  }

  private static final java.util.Set<String> SKIPPED = java.util.Set.of("header", "search_attributes");

  /** The message with every Payload in it (at any depth, map values included) replaced. */
  @SuppressWarnings("unchecked")
  static <M extends Message> M map(M message, UnaryOperator<Payload> f) {
    if (message instanceof Payload p) return (M) f.apply(p);
    Message.Builder b = message.toBuilder();
    message.getAllFields().forEach((field, value) -> {
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) return;
      if (field.isRepeated()) {
        b.clearField(field);
        for (Object item : (List<?>) value) b.addRepeatedField(field, map((Message) item, f));
      } else {
        b.setField(field, map((Message) value, f));
      }
    });
    return (M) b.build();
  }
}
