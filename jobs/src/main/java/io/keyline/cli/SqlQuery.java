package io.keyline.cli;

import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/** Runs Flink SQL in batch mode over Keyline's catalog and prints CSV. */
final class SqlQuery {

    private SqlQuery() {}

    static void run(CatalogOptions catalog, String sql, PrintStream out) {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        Catalogs.Definition definition = catalog.definition();
        tables.executeSql(createCatalog(definition));
        tables.useCatalog(definition.name());
        tables.useDatabase(KeylineTables.NAMESPACE);
        TableResult result;
        try {
            result = tables.executeSql(sql);
        } catch (org.apache.flink.table.api.ValidationException
                | org.apache.flink.table.api.SqlParserException e) {
            throw new UsageException("The SQL statement is not valid: " + firstLine(e));
        }
        List<Column> columns = result.getResolvedSchema().getColumns();
        out.println(columns.stream().map(c -> csv(c.getName())).collect(Collectors.joining(",")));
        try (CloseableIterator<Row> rows = result.collect()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.getArity(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    line.append(csv(render(row.getField(i))));
                }
                out.println(line);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Reading the query result failed: " + firstLine(e), e);
        }
    }

    static String createCatalog(Catalogs.Definition definition) {
        StringBuilder ddl = new StringBuilder("CREATE CATALOG `" + definition.name() + "` WITH (");
        ddl.append("'type'='iceberg', 'catalog-impl'='")
                .append(definition.implementation())
                .append('\'');
        for (Map.Entry<String, String> e : definition.properties().entrySet()) {
            ddl.append(", '")
                    .append(e.getKey().replace("'", "''"))
                    .append("'='")
                    .append(e.getValue().replace("'", "''"))
                    .append('\'');
        }
        return ddl.append(')').toString();
    }

    static String render(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant) {
            return value.toString();
        }
        if (value instanceof LocalDateTime) {
            return ((LocalDateTime) value).toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof Object[]) {
            // An array as a JSON array of its elements' texts.
            StringBuilder json = new StringBuilder("[");
            for (Object element : (Object[]) value) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append(
                        element == null
                                ? "null"
                                : '"'
                                        + render(element)
                                                .replace("\\", "\\\\")
                                                .replace("\"", "\\\"")
                                        + '"');
            }
            return json.append(']').toString();
        }
        return value.toString();
    }

    private static String csv(String value) {
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
