package io.corridor.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import org.junit.jupiter.api.Test;

/** A contract violation becomes a 400 that names the field and says what is wrong with it. */
class ContractErrorsTest {

  static OutputUnit unit(String instance, String keyword, String error) {
    return new OutputUnit(instance, keyword, keyword, error, OutputErrorType.INVALID_VALUE);
  }

  @Test
  void theMostSpecificSchemaErrorNamesTheField() {
    OutputUnit root = unit("", "#/additionalProperties", "Property \"kind\" does not match additional properties schema");
    root.addError(unit("/kind", "#/additionalProperties", "Property \"kind\" does not match additional properties schema"));
    root.addError(unit("/kind", "#/properties/kind/enum", "Instance does not match any of [\"camera\"]"));
    ContractErrors.Problem problem = ContractErrors.describe(new SchemaValidationException(
        "The value of the request body is invalid. Reason: x", ValidatorErrorType.INVALID_VALUE, root, null));
    assertThat(problem).isEqualTo(new ContractErrors.Problem("bad_request", "kind",
        "Instance does not match any of [\"camera\"]"));
  }

  @Test
  void aMissingRequiredPropertyIsNamed() {
    OutputUnit root = unit("", "#/required", "Instance does not have required property \"kind\"");
    ContractErrors.Problem problem = ContractErrors.describe(new SchemaValidationException(
        "The value of the request body is invalid.", ValidatorErrorType.INVALID_VALUE, root, null));
    assertThat(problem.field()).isEqualTo("kind");
  }

  @Test
  void parameterAndBodyProblemsAreNamedToo() {
    assertThat(ContractErrors.describe(new ValidatorException(
        "The related request does not contain the required query parameter since", ValidatorErrorType.MISSING_REQUIRED_PARAMETER)))
        .extracting(ContractErrors.Problem::error, ContractErrors.Problem::field).containsExactly("bad_parameter", "since");
    assertThat(ContractErrors.describe(new ValidatorException("The request body can't be decoded",
        ValidatorErrorType.ILLEGAL_VALUE)).field()).isEqualTo("body");
  }
}
