-- Custom part of this migration (the rest is drizzle-kit's): the functions the search index and the
-- colour filter are built on. IMMUTABLE so that an index may be built on them: each reads only its
-- arguments (array_to_string alone is only STABLE, because of element types with locale-dependent output;
-- text[] has none). The index is built with search_path limited to pg_catalog, so the document's body
-- calls built-in functions only.
CREATE OR REPLACE FUNCTION asset_search_document(name text, tags text[], description text, ai jsonb) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('simple', coalesce(name, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(array_to_string(tags, ' '), '')), 'B')
    || setweight(to_tsvector('simple', coalesce((
      SELECT string_agg(CASE jsonb_typeof(l) WHEN 'string' THEN l #>> '{}' ELSE l ->> 'name' END, ' ')
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(ai -> 'labels') = 'array' THEN ai -> 'labels' ELSE '[]'::jsonb END) l
    ), '')), 'B')
    || setweight(to_tsvector('simple', coalesce(description, '')), 'C')
$$;--> statement-breakpoint
-- A `#rrggbb` colour in CIELAB (sRGB, D65), where distance follows what a person sees.
CREATE OR REPLACE FUNCTION asset_color_lab(hex text) RETURNS float8[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  c float8[];
  v float8;
  xyz float8[];
  i int;
BEGIN
  IF hex !~* '^#[0-9a-f]{6}$' THEN RETURN NULL; END IF;
  c := ARRAY[('x' || substr(hex, 2, 2))::bit(8)::int / 255.0, ('x' || substr(hex, 4, 2))::bit(8)::int / 255.0,
    ('x' || substr(hex, 6, 2))::bit(8)::int / 255.0];
  FOR i IN 1..3 LOOP
    v := c[i];
    c[i] := CASE WHEN v <= 0.04045 THEN v / 12.92 ELSE power((v + 0.055) / 1.055, 2.4) END;
  END LOOP;
  xyz := ARRAY[(c[1] * 0.4124 + c[2] * 0.3576 + c[3] * 0.1805) / 0.95047, c[1] * 0.2126 + c[2] * 0.7152 + c[3] * 0.0722,
    (c[1] * 0.0193 + c[2] * 0.1192 + c[3] * 0.9505) / 1.08883];
  FOR i IN 1..3 LOOP
    v := xyz[i];
    xyz[i] := CASE WHEN v > 0.008856 THEN cbrt(v) ELSE 7.787 * v + 16.0 / 116 END;
  END LOOP;
  RETURN ARRAY[116 * xyz[2] - 16, 500 * (xyz[1] - xyz[2]), 200 * (xyz[2] - xyz[3])];
END
$$;--> statement-breakpoint
-- The distance (CIE76 ΔE) from a colour to the nearest of a list of `#rrggbb` colours; null for no list.
CREATE OR REPLACE FUNCTION asset_color_distance(colors jsonb, hex text) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT min(sqrt(power(a[1] - b[1], 2) + power(a[2] - b[2], 2) + power(a[3] - b[3], 2)))
  FROM (SELECT asset_color_lab(lower(c)) a, asset_color_lab(lower(hex)) b
    FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(colors) = 'array' THEN colors ELSE '[]'::jsonb END) c
    WHERE jsonb_typeof(colors) = 'array') x
  WHERE a IS NOT NULL AND b IS NOT NULL
$$;--> statement-breakpoint
CREATE INDEX "assets_organization_id_created_at_idx" ON "assets" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "assets_search_idx" ON "assets" USING gin ((asset_search_document(name, tags, description, ai_metadata)));--> statement-breakpoint
CREATE INDEX "assets_name_trgm_idx" ON "assets" USING gin ((lower(name)) gin_trgm_ops);
