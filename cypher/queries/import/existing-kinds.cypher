// The kinds of those ids that already exist, to check references and kind clashes, with
// their element ids (the import relates existing entities by them, create-*-by-element).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, elementId(n) AS element
