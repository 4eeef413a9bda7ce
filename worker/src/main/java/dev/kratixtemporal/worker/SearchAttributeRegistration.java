package dev.kratixtemporal.worker;

import dev.kratixtemporal.workflow.SearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.ServiceStubsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers our search attributes on the Temporal server. A server that lacks them rejects every workflow task
 * that sets them, so the worker registers them itself at start, where the server lets it.
 */
final class SearchAttributeRegistration {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private SearchAttributeRegistration() {}

  static void register(ServiceStubsOptions connection, String namespace) {
    OperatorServiceStubs stubs = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder(connection).validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
      SearchAttributes.ALL.forEach(k -> request.putSearchAttributes(k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      stubs.blockingStub().addSearchAttributes(request.build());
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("already exists")) return;
      log.warn("could not register search attributes {} in namespace {} ({}); register them with "
          + "`temporal operator search-attribute create` or workflows will not make progress", SearchAttributes.ALL,
          namespace, e.getMessage());
    } finally {
      stubs.shutdown();
    }
  }
}
