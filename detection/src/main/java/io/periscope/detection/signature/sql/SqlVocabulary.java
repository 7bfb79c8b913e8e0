package io.periscope.detection.signature.sql;

import java.util.Set;

/**
 * The words the SQL lexer and judge give a meaning: keywords, word operators, and the functions and statements an
 * injection uses and an input never needs. Covers MySQL, PostgreSQL, MSSQL, Oracle and SQLite, the dialects
 * payload kits target.
 */
final class SqlVocabulary {

    private SqlVocabulary() {
    }

    static final Set<String> KEYWORDS = Set.of(
            "select", "union", "all", "distinct", "from", "where", "order", "group", "by", "having", "limit",
            "offset", "into", "outfile", "dumpfile", "as", "join", "inner", "outer", "cross", "on", "insert",
            "update", "delete", "drop", "create", "alter", "exec", "execute", "declare", "shutdown", "waitfor",
            "delay", "truncate", "grant", "revoke", "begin", "end", "set", "then", "else", "when", "case", "values",
            "table", "database", "schema", "procedure", "null", "true", "false", "asc", "desc", "top", "exists",
            "interval", "binary", "collate", "escape", "with", "returns", "language", "analyse", "load", "call",
            "show", "describe", "handler", "rename", "elsif", "dual", "unhex", "using", "natural");

    static final Set<String> LOGIC_WORDS = Set.of("and", "or", "xor");
    static final Set<String> COMPARE_WORDS = Set.of("like", "rlike", "regexp", "is", "in", "between", "sounds",
            "glob", "ilike");
    /** Operators that are also functions when a parenthesis follows: {@code like('a', x)} in SQLite. */
    static final Set<String> FUNCTION_LIKE_OPERATORS = Set.of("like", "glob", "regexp", "rlike");
    static final Set<String> ARITH_WORDS = Set.of("div", "mod");

    /** Keywords that are values (operands) rather than clause words. */
    static final Set<String> VALUE_KEYWORDS = Set.of("null", "true", "false", "dual", "end", "asc", "desc");

    /** Words that begin a statement after {@code ;}. */
    static final Set<String> STATEMENT_STARTS = Set.of("select", "insert", "update", "delete", "drop", "create",
            "alter", "exec", "execute", "declare", "shutdown", "waitfor", "truncate", "grant", "revoke", "begin",
            "set", "if", "call", "load", "rename", "handler", "show", "describe", "copy", "merge", "use");

    /** Functions whose only use in a parameter is to make the response slow: time-based blind injection. */
    static final Set<String> DELAY_FUNCTIONS = Set.of("sleep", "benchmark", "pg_sleep", "pg_sleep_for",
            "dbms_lock.sleep", "sys.dbms_lock.sleep", "dbms_pipe.receive_message", "sys.dbms_pipe.receive_message",
            "randomblob", "dbms_session.sleep", "generate_series");

    /** Functions that leak data through an error message or an out-of-band channel. */
    static final Set<String> EXTRACTION_FUNCTIONS = Set.of("extractvalue", "updatexml", "xmltype",
            "utl_inaddr.get_host_name", "utl_inaddr.get_host_address", "utl_http.request", "ctxsys.drithsx.sn",
            "dbms_utility.sqlid_to_sqlhash", "gtid_subset", "name_const", "load_file", "sys_eval", "sys_exec",
            "pg_read_file", "lo_import", "xp_cmdshell", "master..xp_cmdshell", "master.dbo.xp_cmdshell",
            "dbms_xmlgen.getxml", "ordsys.ord_dicom.getmappingxpath", "dbms_java.runjava", "geometrycollection",
            "multipoint", "polygon", "linestring", "multilinestring", "multipolygon", "exp");

    /** Keywords that are functions when a parenthesis follows: {@code exists(select ...)}, {@code database()}. */
    static final Set<String> KEYWORD_FUNCTIONS = Set.of("exists", "database", "schema", "binary", "interval",
            "values", "unhex", "if", "replace", "left", "right", "insert");

    /** Words that are values of the server itself: what {@code SELECT x} reads without a table. */
    static final Set<String> SYSTEM_VALUES = Set.of("current_user", "session_user", "system_user", "user",
            "current_database", "current_schema", "current_date", "current_time", "current_timestamp",
            "localtimestamp");

    /** Names only a database's own catalogue uses; seeing one in a value after a breakout is reconnaissance. */
    static final Set<String> CATALOGUE_NAMES = Set.of("information_schema.tables", "information_schema.columns",
            "information_schema.schemata", "information_schema.character_sets", "mysql.user", "sysobjects",
            "syscolumns", "sys.tables", "sys.objects", "master..sysdatabases", "master.dbo.sysdatabases",
            "pg_catalog", "pg_tables", "pg_user", "pg_shadow", "all_tables", "all_users", "user_tables",
            "dba_users", "sqlite_master", "msysobjects", "sysusers", "master..syslogins", "v$version");
}
