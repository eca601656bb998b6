package dev.sdkauth.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A request contract: a table of fields plus the rules that span fields. Unknown properties are ignored. */
public final class Contract {
    private final List<Field<?>> fields;
    private final List<Rules.SchemaRule> schemaRules;

    public Contract(List<Rules.SchemaRule> schemaRules, List<Field<?>> fields) {
        this.schemaRules = List.copyOf(schemaRules);
        this.fields = List.copyOf(fields);
    }

    public Set<String> propertyNames() {
        Set<String> names = new HashSet<>();
        fields.forEach(field -> names.add(field.name()));
        return names;
    }

    /** The row for {@code property}, or null when this contract has none. */
    public Field<?> field(String property) {
        for (Field<?> field : fields) {
            if (field.name().equals(property)) {
                return field;
            }
        }
        return null;
    }

    /** What the rules spanning several properties say of a body holding exactly {@code present}. */
    public List<ValidationError> schemaViolations(Set<String> present) {
        List<ValidationError> errors = new ArrayList<>();
        for (Rules.SchemaRule rule : schemaRules) {
            errors.addAll(rule.violations(present));
        }
        return errors;
    }

    /** Checks every field, so the answer lists all failing properties at once. */
    public Validated validate(Map<String, Object> body) {
        List<ValidationError> errors = schemaViolations(body.keySet());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<?> field : fields) {
            Object value = field.check(body, errors);
            if (value != null) {
                values.put(field.name(), value);
            }
        }
        return new Validated(values, errors);
    }
}
