// Every alias (an id merged away) with its kind: a template's references to one are
// valid (they resolve to the survivor, of the same kind).
MATCH (x:EntityAlias)
RETURN x.id AS id, x.kind AS kind
