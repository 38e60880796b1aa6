"""Where a draft's language comes from: each paragraph agreed, adapted or new against earlier documents.

``check.check_draft`` is the entry point; ``model`` holds the result that the
command line, the reader and the HTML report all render.
"""
