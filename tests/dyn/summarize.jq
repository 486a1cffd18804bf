# One line per error with a code, from rustc-shaped JSON diagnostics. For
# E0038 the line carries the trait and its reasons (the labels and notes that
# start "...because"), deduplicated and sorted, so the comparison is about
# the verdict and the reasons, not about layout.
select(.level == "error" and .code != null)
| .code.code as $c
| if $c == "E0038" then
    ([.children[]
      | ((.spans[]? | .label // empty), .message)
      | select(type == "string")
      | select(startswith("...because ") or startswith("the trait is not dyn compatible because "))
      | sub("^\\.\\.\\.because "; "") | sub("^the trait is not dyn compatible because "; "")]
     | unique | join(" | ")) as $r
    | "\($c) `\(.message | capture("`(?<t>[^`]*)`").t)`: \($r)"
  else $c end
