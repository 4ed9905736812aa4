package io.iotsim.core.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A hand-written scanner for the selector grammar, so errors can name their column. */
final class SelectorParser {

  private final String expr;
  private int pos;

  SelectorParser(String expr) {
    this.expr = expr;
  }

  List<Term> terms() {
    List<Term> terms = new ArrayList<>();
    skipSpaces();
    if (atEnd()) {
      throw error("expected a term or 'all'");
    }
    while (true) {
      terms.add(term());
      skipSpaces();
      if (atEnd()) {
        return terms;
      }
      expect(',');
    }
  }

  private Term term() {
    skipSpaces();
    if (peek() == '!') {
      pos++;
      skipSpaces();
      return new Term(word("a label name after '!'"), Term.Op.NOT_EXISTS, Set.of());
    }
    String key = word("a label name, device_type or device_id");
    skipSpaces();
    if (atEnd() || peek() == ',') {
      return new Term(key, Term.Op.EXISTS, Set.of());
    }
    if (expr.startsWith("!=", pos)) {
      pos += 2;
      return new Term(key, Term.Op.NOT_EQUALS, Set.of(value()));
    }
    if (expr.startsWith("==", pos)) {
      pos += 2;
      return new Term(key, Term.Op.EQUALS, Set.of(value()));
    }
    if (peek() == '=') {
      pos++;
      return new Term(key, Term.Op.EQUALS, Set.of(value()));
    }
    int opStart = pos;
    if (isBare(peek())) {
      String op = bare();
      if (op.equals("in")) {
        return new Term(key, Term.Op.IN, list());
      }
      if (op.equals("notin")) {
        return new Term(key, Term.Op.NOT_IN, list());
      }
      pos = opStart;
    }
    throw error("expected '=', '==', '!=', 'in', 'notin', ',' or the end");
  }

  private Set<String> list() {
    skipSpaces();
    expect('(');
    List<String> values = new ArrayList<>();
    skipSpaces();
    if (peek() == ')') {
      // an empty set would make 'notin ()' match every device: a typo must not stop a fleet
      throw error("expected at least one value in '( )'");
    }
    while (true) {
      values.add(value());
      skipSpaces();
      if (peek() == ')') {
        pos++;
        return Selector.sorted(values);
      }
      if (peek() != ',') {
        throw error("expected ',' or ')'");
      }
      pos++;
    }
  }

  private String value() {
    skipSpaces();
    return word("a value");
  }

  /** A bare word or a quoted string. */
  private String word(String what) {
    if (peek() == '"') {
      return quoted();
    }
    if (!isBare(peek())) {
      throw error("expected " + what);
    }
    return bare();
  }

  private String bare() {
    int start = pos;
    while (isBare(peek())) {
      pos++;
    }
    return expr.substring(start, pos);
  }

  private String quoted() {
    int open = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (!atEnd()) {
      char c = expr.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        if (atEnd()) {
          break;
        }
        char escaped = expr.charAt(pos++);
        if (escaped != '"' && escaped != '\\') {
          pos -= 2;
          throw error("unknown escape '\\" + escaped + "' (only \\\" and \\\\)");
        }
        sb.append(escaped);
      } else {
        sb.append(c);
      }
    }
    pos = open;
    throw error("unterminated string");
  }

  private void expect(char c) {
    skipSpaces();
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpaces() {
    while (!atEnd() && Character.isWhitespace(expr.charAt(pos))) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= expr.length();
  }

  /** The current char, or 0 at the end. */
  private char peek() {
    return atEnd() ? 0 : expr.charAt(pos);
  }

  private static boolean isBare(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-'
        || c == '/'
        || c == ':';
  }

  private SelectorException error(String reason) {
    return new SelectorException(reason, pos + 1, expr);
  }
}
