package dev.guildhall.core.reviewqueue;

import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Validation;

import java.util.List;
import java.util.function.Function;

/**
 * The list's filters, sort and page, read from the query string with Discord's 50035 errors. Absent filters do not
 * filter; {@code status} defaults to {@code pending}, {@code sort} to {@code newest}.
 *
 * @param status   {@code pending}, {@code resolved} or {@code all}
 * @param ruleId   0 = any rule
 * @param trigger  null = any trigger type
 * @param blocked  null = blocked and flagged; true = blocked only; false = flagged only
 * @param minScore null = any score (items without a score included)
 * @param sort     {@code newest}, {@code oldest} or {@code score} (highest first, unscored last)
 */
record ReviewQuery(String status, long ruleId, Integer trigger, long channelId, long authorId, Boolean blocked,
                   Double minScore, String sort, int limit, int offset) {
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_OFFSET = 1_000_000;
    static final List<String> STATUSES = List.of(ReviewItem.PENDING, ReviewItem.RESOLVED, "all");
    static final List<String> SORTS = List.of("newest", "oldest", "score");

    static ReviewQuery parse(Function<String, String> param) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        String status = choice(param.apply("status"), "status", STATUSES, errors);
        long ruleId = Validation.querySnowflake(param.apply("rule_id"), "rule_id", errors);
        String rawTrigger = param.apply("trigger_type");
        Integer trigger = rawTrigger == null || rawTrigger.isEmpty() ? null
                : Validation.queryInt(rawTrigger, "trigger_type", 1, 1000, 0, errors);
        long channelId = Validation.querySnowflake(param.apply("channel_id"), "channel_id", errors);
        long authorId = Validation.querySnowflake(param.apply("author_id"), "author_id", errors);
        Boolean blocked = bool(param.apply("blocked"), "blocked", errors);
        Double minScore = score(param.apply("min_score"), errors);
        String sort = choice(param.apply("sort"), "sort", SORTS, errors);
        int limit = Validation.queryInt(param.apply("limit"), "limit", 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
        int offset = Validation.queryInt(param.apply("offset"), "offset", 0, MAX_OFFSET, 0, errors);
        errors.throwIfAny();
        return new ReviewQuery(status, ruleId, trigger, channelId, authorId, blocked, minScore, sort, limit, offset);
    }

    private static String choice(String raw, String field, List<String> choices, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return choices.get(0);
        }
        if (!choices.contains(raw)) {
            errors.add(field, "BASE_TYPE_CHOICES", "Value must be one of {" + String.join(", ", choices) + "}.");
            return choices.get(0);
        }
        return raw;
    }

    private static Boolean bool(String raw, String field, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        errors.add(field, "BASE_TYPE_BOOLEAN", "Must be either true or false.");
        return null;
    }

    private static Double score(String raw, InvalidFormBody.Builder errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(raw);
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("min_score", "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not a number between 0 and 1.");
        return null;
    }

    /** The SQL conditions after {@code WHERE q.guild_id = ?} (each starting with AND) and their parameters. */
    String where(List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (!status.equals("all")) {
            sql.append(" AND q.status = ?");
            params.add(status);
        }
        if (ruleId != 0) {
            sql.append(" AND q.rule_id = ?");
            params.add(ruleId);
        }
        if (trigger != null) {
            sql.append(" AND q.trigger_type = ?");
            params.add(trigger);
        }
        if (channelId != 0) {
            sql.append(" AND q.channel_id = ?");
            params.add(channelId);
        }
        if (authorId != 0) {
            sql.append(" AND q.author_id = ?");
            params.add(authorId);
        }
        if (blocked != null) {
            sql.append(" AND q.blocked = ?");
            params.add(blocked);
        }
        if (minScore != null) {
            sql.append(" AND ").append(ReviewItemStore.SCORE).append(" >= ?");
            params.add(minScore);
        }
        return sql.toString();
    }

    String orderBy() {
        return switch (sort) {
            case "oldest" -> " ORDER BY q.id ASC";
            case "score" -> " ORDER BY score DESC NULLS LAST, q.id DESC";
            default -> " ORDER BY q.id DESC";
        };
    }
}
