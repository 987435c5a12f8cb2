"""
Getting a Shopify export in, read and checked before anything is written: source.py turns
records into the one shape the importer sees and checks them field by field; files.py reads them
from the Admin API's JSON, Matrixify's CSV and XLSX exports and the admin's redirects CSV;
graphql.py reads them from a live store through the GraphQL Admin API; media.py fetches the
images an import with `--shop` takes from Shopify's CDN. Nothing here touches the database.
"""
